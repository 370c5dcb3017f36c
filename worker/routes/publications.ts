// Kept only so that routes/admin.ts finds the admin half where it looked for it: it goes when
// admin.ts moves to worker/api/admin/ and imports ./publications there.
export { adminPublicationsRoute } from '../api/admin/publications'
