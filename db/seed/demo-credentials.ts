// The demo's sign-in, printed by npm start and used by the browser tests.
export const DEMO_PASSWORD = "demo-passphrase-for-roster-2026";
export const DEMO_ADMIN_EMAIL = "admin@tatacommunications.com";
export const DEMO_SIGN_IN = `${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD}`;
