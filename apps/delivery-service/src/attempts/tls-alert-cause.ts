import type { Socket } from 'node:net';

/**
 * A server that wants a client certificate and gets none ends TLS 1.3 with an alert after the
 * handshake; undici then reports only that the other side closed. This keeps the alert as the
 * cause of that error, so the attempt is classed `tls` and its log names the reason.
 */
export function keepTlsAlertAsCause(socket: Socket): void {
  let alert: NodeJS.ErrnoException | null = null;
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (alert === null && isTlsError(error)) {
      alert = error;
    } else if (alert !== null && error !== alert && error.cause === undefined) {
      error.cause = alert;
    }
  });
}

function isTlsError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}
