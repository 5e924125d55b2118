/** The commented scenario `gauntlet init DOMAIN` writes: a working start for one's own server. */
export function scaffoldScenario(domain: string): string {
  return `# A load scenario for ${domain}, written by \`gauntlet init\`.
# Check it with \`gauntlet validate\`, run it with
#   gauntlet run THIS_FILE -e LOAD_PASSWORD=...
# Format: docs/scenario.md (or \`gauntlet schema\` for editor completion). Only run load against
# servers you own.
name: ${domain.replace(/[^A-Za-z0-9._-]+/g, '-')}-load

target:
  domain: ${domain}
  # host: xmpp.${domain}      # else found through the _xmpp-client._tcp SRV record
  # port: 5222
  tls: starttls               # or direct (XEP-0368); never "no checks"
  # ca: ./my-ca.pem           # trust this CA file instead of the system roots

# Accounts that exist already: load1..load20, all with the password from the environment.
accounts:
  pattern: { username: 'load{n}', password: '\${env:LOAD_PASSWORD}', count: 20 }

load:
  phases:
    # Users log in over 30 s, then all 20 stay for 2 minutes (they carry over, no re-login).
    - { name: ramp, executor: ramping-users, users: 0, ramp_to: 20, duration: 30s }
    - { name: hold, executor: constant-users, users: 20, duration: 2m }

flow:
  - login
  - presence
  - loop:
      duration: 10m           # ends after its current pass when the last phase ends
      steps:
        - message: { to: random-online, size: 200 }
        - think: { exponential: 2s }
  - disconnect

# The run fails (exit 4) when one of these is crossed; run health (most logins failing,
# nothing delivered, over 10% of iterations failing) is judged anyway.
thresholds:
  login_total: ['p(95) < 2s']
  message_e2e: ['p(99) < 500ms']
  connections_failed: ['count == 0']
`;
}
