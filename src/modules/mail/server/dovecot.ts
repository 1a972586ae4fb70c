import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A free loopback port, found by binding to port 0 and letting go. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const dovecotBinary = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));

/**
 * A throwaway Dovecot IMAP server for tests: its own config, state and maildirs in a temporary
 * folder, one passwd-file user, plain-text login on a random loopback port, no TLS.
 */
export async function startDovecot(user: string, password: string) {
  if (!dovecotBinary) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-dovecot-'));
  // Run as root, Dovecot's auth process is the dovecot user: it must reach the passwd file.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  const port = await freePort();
  const me = userInfo();
  // Dovecot refuses to run mail as root: as root, the mail belongs to the dovecot user.
  const asRoot = me.uid === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'dovecot'], { encoding: 'utf8' })) : me.uid;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'dovecot'], { encoding: 'utf8' })) : me.gid;
  chownSync(join(dir, 'home'), uid, gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${dir}/home/${user}\n`);
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
first_valid_uid = ${uid}
first_valid_gid = ${gid}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${asRoot ? 'dovecot' : me.username}
default_login_user = ${asRoot ? 'dovenull' : me.username}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number) {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}
