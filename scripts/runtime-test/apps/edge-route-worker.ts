// Serves the example's edge route handler the way an edge platform calls it: POST(request).
import { POST } from '../../../examples/src/edge-route.ts';

export default {
  fetch(request: Request): Promise<Response> | Response {
    if (request.method !== 'POST') return new Response(null, { status: 204 });
    return POST(request);
  },
};
