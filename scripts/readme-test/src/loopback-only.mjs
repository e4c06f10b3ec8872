// Loaded with `node --import` before a README block: any TCP connection to a host other
// than this machine fails, and says so on stderr (which fails the test), so a block can
// never reach a real backend, whatever its configuration.
import net from 'node:net';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3}|\[::1\])$/i;
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = typeof options.host === 'string' ? options.host : 'localhost';
  if (options.path !== undefined || LOOPBACK.test(host)) return connect.apply(this, args);
  process.stderr.write(`readme-test: blocked a connection to ${host}:${options.port} (not loopback)\n`);
  process.nextTick(() => this.destroy(new Error(`readme-test: ${host} is not loopback`)));
  return this;
};
