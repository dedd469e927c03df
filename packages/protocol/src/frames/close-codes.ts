/** WebSocket close codes the gateway uses; agents act on them (e.g. a replaced agent backs off). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  serverRestart: 1012,
  protocolError: 4000,
  replaced: 4001,
  authFailed: 4003,
  authTimeout: 4008,
} as const;
