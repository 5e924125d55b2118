/** Rules of the upload area: XEP-0363 1.2 (HTTP file upload). */
import { also, rule, type RuleTable } from './rule.js';

export const uploadRules: RuleTable = {
  'xep0363.upload.max-file-size': rule(
    'XEP-0363 §3',
    'SHOULD',
    'A service that limits file sizes states the limit in its disco#info form, saving clients a round trip',
    also('XEP-0363 §3', 'MUST', 'That form field is called max-file-size and gives the limit in bytes'),
  ),
  'xep0363.upload.file-too-large': rule('XEP-0363 §6', 'none', 'Refusing a request over the limit, and naming the limit in the error, are permissions (MAY) and not duties: what the service does is recorded'),
  'xep0363.upload.slot-https': rule('XEP-0363 §4', 'MUST', 'The slot gives a PUT and a GET URL, and the HTTP host behind them offers TLS'),
  'xep0363.upload.unguessable-url': rule('XEP-0363 §9.3', 'SHOULD', 'Slot URLs contain long random parts, so no one can work out where other files are'),
  'xep0363.upload.get-after-put': rule('XEP-0363 §2', 'SHOULD', 'Whoever has the GET URL can fetch the file (a 201 to the PUT means it is ready to be served, §7)'),
  'xep0363.upload.content-length-enforced': rule('XEP-0363 §7', 'MUST', 'An upload whose Content-Length is not the size given in the slot request is refused'),
  'xep0363.upload.content-type-enforced': rule('XEP-0363 §7', 'SHOULD', 'When the slot request named a Content-Type, an upload with another one is refused'),
};
