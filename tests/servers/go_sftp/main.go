// An SFTP server on golang.org/x/crypto/ssh and github.com/pkg/sftp's RequestServer (the
// pair SFTPGo is built on), for sftpcheck's server matrix. Tests only:
//
//	server USERS.json
//
// USERS.json (tests/servers/matrix_accounts.py, write_user_config) names the host key, each
// account and which accounts each listening port serves. Every port is on 127.0.0.1, picked
// by the kernel, and announced as "listening N on 127.0.0.1 port P".
//
// Like a server whose storage is written when the file is closed (SFTPGo on cloud storage),
// an upload's bytes reach the file only at close: a size read before then is 0.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

type user struct {
	Password      *string  `json:"password"`
	AuthorizedKey string   `json:"authorized_key"`
	Methods       []string `json:"methods"`
	Root          string   `json:"root"`
	Home          string   `json:"home"`
	Unlisted      []string `json:"unlisted"`
	ReadOnly      bool     `json:"read_only"`
	Setstat       string   `json:"setstat"`
	WriteFailure  *string  `json:"write_failure"`
}

type config struct {
	HostKey   string           `json:"host_key"`
	Users     map[string]*user `json:"users"`
	Listeners [][]string       `json:"listeners"`
}

// allows: whether one method alone logs this account in. x/crypto/ssh 0.4 has no partial
// success, so an entry naming two methods is never met here.
func (u *user) allows(method string) bool {
	for _, entry := range u.Methods {
		if entry == method {
			return true
		}
	}
	return false
}

func serverConfig(cfg *config, names []string, hostKey ssh.Signer) *ssh.ServerConfig {
	users := map[string]*user{}
	offersPassword, offersKey := false, false
	for _, name := range names {
		u := cfg.Users[name]
		users[name] = u
		offersPassword = offersPassword || u.allows("password")
		offersKey = offersKey || u.allows("publickey")
	}
	denied := errors.New("denied")
	server := &ssh.ServerConfig{ServerVersion: "SSH-2.0-Go"}
	// Only the methods one of this port's accounts uses are offered at all.
	if offersPassword {
		server.PasswordCallback = func(c ssh.ConnMetadata, password []byte) (*ssh.Permissions, error) {
			u := users[c.User()]
			if u == nil || !u.allows("password") || u.Password == nil || *u.Password != string(password) {
				log.Printf("password refused for %s", c.User()) // the tests look for this
				return nil, denied
			}
			return nil, nil
		}
	}
	if offersKey {
		server.PublicKeyCallback = func(c ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			u := users[c.User()]
			if u == nil || !u.allows("publickey") || u.AuthorizedKey == "" {
				return nil, denied
			}
			allowed, _, _, _, err := ssh.ParseAuthorizedKey([]byte(u.AuthorizedKey))
			if err != nil || !bytes.Equal(allowed.Marshal(), key.Marshal()) {
				return nil, denied
			}
			return nil, nil
		}
	}
	server.AddHostKey(hostKey)
	return server
}

func serveConnection(conn net.Conn, server *ssh.ServerConfig, cfg *config) {
	defer conn.Close()
	session, channels, requests, err := ssh.NewServerConn(conn, server)
	if err != nil {
		log.Printf("login from %s: %v", conn.RemoteAddr(), err)
		return
	}
	go ssh.DiscardRequests(requests)
	u := cfg.Users[session.User()]
	for newChannel := range channels {
		if newChannel.ChannelType() != "session" {
			newChannel.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		channel, channelRequests, err := newChannel.Accept()
		if err != nil {
			continue
		}
		go func(in <-chan *ssh.Request) {
			for request := range in {
				// The payload is the subsystem name as an SSH string: 4 length bytes, then "sftp".
				ok := request.Type == "subsystem" && len(request.Payload) > 4 && string(request.Payload[4:]) == "sftp"
				request.Reply(ok, nil)
				if ok {
					go serveSftp(channel, u)
				}
			}
		}(channelRequests)
	}
}

func serveSftp(channel ssh.Channel, u *user) {
	defer channel.Close()
	drop := &dropFS{user: u}
	handlers := sftp.Handlers{FileGet: drop, FilePut: drop, FileCmd: drop, FileList: drop}
	server := sftp.NewRequestServer(channel, handlers, sftp.WithStartDirectory(u.Home))
	if err := server.Serve(); err != nil && err != io.EOF {
		log.Printf("sftp: %v", err)
	}
}

// dropFS: the account's root directory as its "/", with its rules applied.
type dropFS struct {
	user *user
}

func (d *dropFS) local(clientPath string) string {
	return filepath.Join(d.user.Root, filepath.FromSlash(path.Clean("/"+clientPath)))
}

func (d *dropFS) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	return os.Open(d.local(r.Filepath))
}

func (d *dropFS) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	if d.user.ReadOnly {
		return nil, sftp.ErrSSHFxPermissionDenied
	}
	if d.user.WriteFailure != nil {
		return nil, errors.New(*d.user.WriteFailure) // pkg/sftp sends any other error as FAILURE
	}
	flags := r.Pflags()
	mode := os.O_WRONLY | os.O_CREATE
	if flags.Trunc {
		mode |= os.O_TRUNC
	}
	if flags.Excl {
		mode |= os.O_EXCL
	}
	file, err := os.OpenFile(d.local(r.Filepath), mode, 0o644)
	if err != nil {
		return nil, err
	}
	return &writtenAtClose{file: file}, nil
}

// writtenAtClose keeps an upload's bytes until the client closes the file.
type writtenAtClose struct {
	mu     sync.Mutex
	file   *os.File
	chunks map[int64][]byte
}

func (w *writtenAtClose) WriteAt(p []byte, offset int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.chunks == nil {
		w.chunks = map[int64][]byte{}
	}
	w.chunks[offset] = append([]byte(nil), p...)
	return len(p), nil
}

func (w *writtenAtClose) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for offset, chunk := range w.chunks {
		if _, err := w.file.WriteAt(chunk, offset); err != nil {
			w.file.Close()
			return err
		}
	}
	return w.file.Close()
}

func (d *dropFS) Filecmd(r *sftp.Request) error {
	if d.user.ReadOnly {
		return sftp.ErrSSHFxPermissionDenied
	}
	local := d.local(r.Filepath)
	switch r.Method {
	case "Setstat":
		return d.setstat(r, local)
	case "Rename":
		target := d.local(r.Target)
		if _, err := os.Lstat(target); err == nil {
			return sftp.ErrSSHFxFailure // SFTP v3: a rename never replaces a file
		}
		return os.Rename(local, target)
	case "Remove":
		return os.Remove(local)
	case "Rmdir":
		return os.Remove(local)
	case "Mkdir":
		return os.Mkdir(local, 0o755)
	}
	return sftp.ErrSSHFxOpUnsupported
}

func (d *dropFS) setstat(r *sftp.Request, local string) error {
	switch d.user.Setstat {
	case "denied":
		return sftp.ErrSSHFxPermissionDenied
	case "unsupported":
		return sftp.ErrSSHFxOpUnsupported
	case "ignore":
		return nil // says OK, changes nothing
	}
	attrs, flags := r.Attributes(), r.AttrFlags()
	if flags.Permissions {
		if err := os.Chmod(local, attrs.FileMode().Perm()); err != nil {
			return err
		}
	}
	if flags.Acmodtime {
		if err := os.Chtimes(local, time.Unix(int64(attrs.Atime), 0), time.Unix(int64(attrs.Mtime), 0)); err != nil {
			return err
		}
	}
	if flags.Size {
		return os.Truncate(local, int64(attrs.Size))
	}
	return nil
}

func (d *dropFS) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	local := d.local(r.Filepath)
	switch r.Method {
	case "List":
		for _, unlisted := range d.user.Unlisted {
			if path.Clean(r.Filepath) == unlisted {
				return nil, sftp.ErrSSHFxPermissionDenied
			}
		}
		entries, err := os.ReadDir(local)
		if err != nil {
			return nil, err
		}
		infos := make([]os.FileInfo, 0, len(entries))
		for _, entry := range entries {
			if info, err := entry.Info(); err == nil {
				infos = append(infos, info)
			}
		}
		return listerAt(infos), nil
	case "Stat":
		info, err := os.Stat(local)
		if err != nil {
			return nil, err
		}
		return listerAt{info}, nil
	case "Lstat":
		info, err := os.Lstat(local)
		if err != nil {
			return nil, err
		}
		return listerAt{info}, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

type listerAt []os.FileInfo

func (l listerAt) ListAt(out []os.FileInfo, offset int64) (int, error) {
	if offset >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[offset:])
	if n < len(out) {
		return n, io.EOF
	}
	return n, nil
}

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: server USERS.json")
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var cfg config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		log.Fatal(err)
	}
	keyBytes, err := os.ReadFile(cfg.HostKey)
	if err != nil {
		log.Fatal(err)
	}
	hostKey, err := ssh.ParsePrivateKey(keyBytes)
	if err != nil {
		log.Fatal(err)
	}
	var wait sync.WaitGroup
	for index, names := range cfg.Listeners {
		listener, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("listening %d on 127.0.0.1 port %d\n", index, listener.Addr().(*net.TCPAddr).Port)
		server := serverConfig(&cfg, names, hostKey)
		wait.Add(1)
		go func() {
			defer wait.Done()
			for {
				conn, err := listener.Accept()
				if err != nil {
					log.Printf("accept: %v", err)
					return
				}
				go serveConnection(conn, server, &cfg)
			}
		}()
	}
	os.Stdout.Sync()
	wait.Wait()
}
