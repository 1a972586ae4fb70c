export { AccountPeople } from './AccountPeople';
export { useAccountContacts } from './api';
