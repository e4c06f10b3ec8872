import { describeBridge } from './bridge-scenarios';
import { startSdk2 } from './otel-sdk2';

describeBridge('OpenTelemetry SDK 2 (sdk-trace-node 2.x, instrumentation-http 0.2xx)', true, startSdk2);
