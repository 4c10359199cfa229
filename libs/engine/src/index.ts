export * from './clock/clock';
export * from './security/step-up-verifier';
export * from './security/totp-step-up-verifier';
