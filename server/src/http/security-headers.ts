import type { Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's defaults with a CSP the dashboard runs under: its own scripts and styles only, data: for
 * the inline favicon, and GraphQL over fetch and WebSocket to this origin. `upgrade-insecure-requests`
 * is off because the zero-install mode serves plain http on any host name.
 */
export function helmetOptions(withCsp: boolean): HelmetOptions {
  if (!withCsp) return { contentSecurityPolicy: false };
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'upgrade-insecure-requests': null,
      },
    },
  };
}

/** A header helmet sets (value) or removes (undefined). */
type HeaderStep = readonly [name: string, value: string | number | readonly string[] | undefined];

/**
 * What a helmet middleware does to a response, recorded once. With these options every header is a
 * constant (no nonce or per-request directive), so replaying the recording sets exactly what helmet
 * would, without its chain of a dozen middlewares on every request.
 */
export function recordHeaderSteps(middleware: RequestHandler): HeaderStep[] {
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      steps.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      steps.push([name, undefined]);
    },
    getHeader: () => undefined,
    locals: {},
  };
  let finished = false;
  void middleware({ method: 'GET', url: '/', path: '/', headers: {} } as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously; they cannot be recorded');
  return steps;
}

function replay(steps: readonly HeaderStep[], res: Response): void {
  for (const [name, value] of steps) {
    if (value === undefined) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}

export function securityHeaders(options: { production: boolean }): RequestHandler {
  const withCsp = recordHeaderSteps(helmet(helmetOptions(true)));
  if (options.production) {
    return (_req, res, next) => {
      replay(withCsp, res);
      next();
    };
  }
  // Outside production, /graphql may serve Apollo's landing page, which loads its own scripts.
  const withoutCsp = recordHeaderSteps(helmet(helmetOptions(false)));
  return (req, res, next) => {
    replay(req.path.startsWith('/graphql') ? withoutCsp : withCsp, res);
    next();
  };
}
