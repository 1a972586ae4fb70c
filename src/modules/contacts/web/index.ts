export { ContactAccounts } from './ContactAccounts';
export { SignatureAssist } from './SignatureAssist';
export { parseSignature, type SignatureFields } from './signature';
