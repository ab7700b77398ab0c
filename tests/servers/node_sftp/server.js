// A node ssh2 SFTP server for sftpcheck's server matrix. Tests only:
//
//   node server.js USERS.json
//
// USERS.json (tests/servers/matrix_accounts.py, write_user_config) names the host key, each
// account and which accounts each listening port serves. Every port is on 127.0.0.1,
// picked by the kernel, and announced as "listening N on 127.0.0.1 port P".
'use strict';

const fs = require('fs');
const path = require('path');
const { Server, utils } = require('ssh2');

const { STATUS_CODE, OPEN_MODE } = utils.sftp;
const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const hostKey = fs.readFileSync(config.host_key);

// methods: any one entry logs in; an entry "a,b" needs a, then b (partial success between).
function remaining(user, done) {
  const next = new Set();
  for (const entry of user.methods) {
    const steps = entry.split(',');
    if (steps.slice(0, done.length).join(',') === done.join(',') && steps.length > done.length) {
      next.add(steps[done.length]);
    }
  }
  return [...next];
}

function completes(user, done) {
  return user.methods.includes(done.join(','));
}

function keyMatches(user, ctx) {
  if (!user.authorized_key) return false;
  const allowed = utils.parseKey(user.authorized_key);
  if (allowed instanceof Error) return false;
  if (ctx.key.algo !== allowed.type || !ctx.key.data.equals(allowed.getPublicSSH())) return false;
  if (!ctx.signature) return true; // a query: may this key be used?
  return allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
}

function login(client, listenerUsers) {
  const done = [];
  client.on('authentication', (ctx) => {
    const user = listenerUsers.has(ctx.username) ? config.users[ctx.username] : null;
    if (!user) return ctx.reject(['password', 'publickey']);
    const offered = remaining(user, done);
    let ok = false;
    if (offered.includes(ctx.method)) {
      if (ctx.method === 'password') {
        ok = user.password !== null && ctx.password === user.password;
        if (!ok) console.log(`password refused for ${ctx.username}`); // the tests look for this
      }
      if (ctx.method === 'publickey') {
        ok = keyMatches(user, ctx);
        if (ok && !ctx.signature) return ctx.accept(); // PK_OK; the signed request follows
      }
    }
    if (!ok) return ctx.reject(offered);
    done.push(ctx.method);
    if (completes(user, done)) return ctx.accept();
    return ctx.reject(remaining(user, done), true);
  });
}

function clientPath(user, given) {
  const absolute = given.startsWith('/') ? given : path.posix.join(user.home, given);
  return path.posix.normalize(absolute).replace(/\/+$/, '') || '/';
}

function errorStatus(error) {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return STATUS_CODE.NO_SUCH_FILE;
  if (error.code === 'EACCES' || error.code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}

function attrsOf(stats) {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

function serveSftp(sftp, user) {
  const local = (given) => path.join(user.root, clientPath(user, given));
  const handles = new Map();
  let nextHandle = 0;
  const newHandle = (value) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(nextHandle++);
    handles.set(id.toString('hex'), value);
    return id;
  };
  const lookup = (handle) => handles.get(handle.toString('hex'));
  const guard = (reqid, work) => {
    try {
      work();
    } catch (error) {
      sftp.status(reqid, errorStatus(error), error.message);
    }
  };
  const denied = (reqid) => sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
  const refusedSetstat = (reqid) => {
    if (user.read_only || user.setstat === 'denied') return denied(reqid), true;
    if (user.setstat === 'unsupported') {
      return sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED, 'Operation unsupported'), true;
    }
    if (user.setstat === 'ignore') return sftp.status(reqid, STATUS_CODE.OK), true;
    return false;
  };
  // The client is done (EOF on the channel): close the channel, as every server does.
  sftp.on('end', () => sftp.end());
  sftp.on('close', () => {
    for (const open of handles.values()) if (open.fd !== undefined) fs.closeSync(open.fd);
    handles.clear();
  });
  const applyAttrs = (target, attrs) => {
    if (attrs.mode !== undefined) fs.chmodSync(target, attrs.mode & 0o7777);
    if (attrs.atime !== undefined && attrs.mtime !== undefined) {
      fs.utimesSync(target, attrs.atime, attrs.mtime);
    }
    if (attrs.size !== undefined) fs.truncateSync(target, attrs.size);
  };

  sftp.on('REALPATH', (reqid, given) => {
    const name = clientPath(user, given);
    sftp.name(reqid, [{ filename: name, longname: name, attrs: {} }]);
  });
  for (const [event, call] of [['STAT', fs.statSync], ['LSTAT', fs.lstatSync]]) {
    sftp.on(event, (reqid, given) => guard(reqid, () => sftp.attrs(reqid, attrsOf(call(local(given))))));
  }
  sftp.on('FSTAT', (reqid, handle) => {
    const open = lookup(handle);
    if (!open || open.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    guard(reqid, () => sftp.attrs(reqid, attrsOf(fs.fstatSync(open.fd))));
  });
  sftp.on('OPENDIR', (reqid, given) => {
    if (user.unlisted.includes(clientPath(user, given))) return denied(reqid);
    guard(reqid, () => {
      const directory = local(given);
      const names = fs.readdirSync(directory);
      sftp.handle(reqid, newHandle({ directory, names, sent: false }));
    });
  });
  sftp.on('READDIR', (reqid, handle) => {
    const open = lookup(handle);
    if (!open || open.names === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    if (open.sent) return sftp.status(reqid, STATUS_CODE.EOF);
    open.sent = true;
    guard(reqid, () => {
      const entries = open.names.map((name) => {
        const attrs = attrsOf(fs.lstatSync(path.join(open.directory, name)));
        return { filename: name, longname: name, attrs };
      });
      if (entries.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.name(reqid, entries);
    });
  });
  sftp.on('OPEN', (reqid, given, flags, attrs) => {
    const writes = flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC);
    if (writes && user.read_only) return denied(reqid);
    if (writes && user.write_failure) {
      return sftp.status(reqid, STATUS_CODE.FAILURE, user.write_failure);
    }
    guard(reqid, () => {
      const mode = attrs && attrs.mode !== undefined ? attrs.mode & 0o777 : 0o644;
      const fd = fs.openSync(local(given), utils.sftp.flagsToString(flags) || 'r', mode);
      sftp.handle(reqid, newHandle({ fd }));
    });
  });
  sftp.on('READ', (reqid, handle, offset, length) => {
    const open = lookup(handle);
    if (!open || open.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    guard(reqid, () => {
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(open.fd, buffer, 0, length, offset);
      if (read === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.data(reqid, buffer.subarray(0, read));
    });
  });
  sftp.on('WRITE', (reqid, handle, offset, data) => {
    const open = lookup(handle);
    if (!open || open.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    guard(reqid, () => {
      fs.writeSync(open.fd, data, 0, data.length, offset);
      sftp.status(reqid, STATUS_CODE.OK);
    });
  });
  sftp.on('CLOSE', (reqid, handle) => {
    const key = handle.toString('hex');
    const open = handles.get(key);
    if (!open) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    handles.delete(key);
    guard(reqid, () => {
      if (open.fd !== undefined) fs.closeSync(open.fd);
      sftp.status(reqid, STATUS_CODE.OK);
    });
  });
  sftp.on('SETSTAT', (reqid, given, attrs) => {
    if (refusedSetstat(reqid)) return;
    guard(reqid, () => {
      applyAttrs(local(given), attrs);
      sftp.status(reqid, STATUS_CODE.OK);
    });
  });
  sftp.on('FSETSTAT', (reqid, handle, attrs) => {
    const open = lookup(handle);
    if (!open || open.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'Bad handle');
    if (refusedSetstat(reqid)) return;
    guard(reqid, () => {
      if (attrs.mode !== undefined) fs.fchmodSync(open.fd, attrs.mode & 0o7777);
      if (attrs.atime !== undefined && attrs.mtime !== undefined) {
        fs.futimesSync(open.fd, attrs.atime, attrs.mtime);
      }
      if (attrs.size !== undefined) fs.ftruncateSync(open.fd, attrs.size);
      sftp.status(reqid, STATUS_CODE.OK);
    });
  });
  const writing = (event, work) => {
    sftp.on(event, (reqid, ...args) => {
      if (user.read_only) return denied(reqid);
      guard(reqid, () => {
        work(...args);
        sftp.status(reqid, STATUS_CODE.OK);
      });
    });
  };
  writing('REMOVE', (given) => fs.unlinkSync(local(given)));
  writing('RMDIR', (given) => fs.rmdirSync(local(given)));
  writing('MKDIR', (given) => fs.mkdirSync(local(given), 0o755));
  writing('RENAME', (from, to) => {
    if (fs.existsSync(local(to))) throw Object.assign(new Error('File exists'), { code: 'EEXIST' });
    fs.renameSync(local(from), local(to));
  });
}

config.listeners.forEach((usernames, index) => {
  const listenerUsers = new Set(usernames);
  const server = new Server({ hostKeys: [hostKey], ident: 'node-ssh2' }, (client) => {
    let username = null;
    client.on('authentication', (ctx) => {
      username = ctx.username;
    });
    login(client, listenerUsers);
    client.on('error', (error) => console.error(`client: ${error.message}`));
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp(), config.users[username]));
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`listening ${index} on 127.0.0.1 port ${server.address().port}`);
  });
});
