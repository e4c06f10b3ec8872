import { describeBridge } from './bridge-scenarios';
import { startSdk3 } from './otel-sdk3';

// SDK 3 needs Node >= 22.15: CI runs this file in its Node 24 step (scripts/test-on-node-24.sh).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 15);

describeBridge('OpenTelemetry SDK 3 (sdk-trace 3.x, instrumentation-http 0.30x)', supported, startSdk3);
