#!/usr/bin/env python3
"""Writes the seed corpus for the fuzz targets (fuzz/corpus/<target>/): valid inputs that reach deep into each
decoder, for afl-fuzz (fuzz/run.sh, harnesses in fuzz/Receiver.Fuzz) and the replay and mutation tests
(tests/Receiver.Reliability.Tests/FuzzHarnessTests.cs, FuzzTests.cs). Inputs of past findings are committed
next to these (regression-*) and are not written by this script."""
import os, struct

HERE = os.path.dirname(os.path.abspath(__file__))

def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def u32(n): return struct.pack(">I", n)
def u64(n): return struct.pack(">Q", n)
def s(b): b = b if isinstance(b, bytes) else b.encode(); return u32(len(b)) + b

# --- CGI responses as INSTAR cameras send them (param.cgi, one var per line)
write("cgi", "getftpattr.txt", 'var ft_server="192.168.1.10";\r\nvar ft_port="2222";\r\nvar ft_username="garden";\r\n'
      'var ft_password="abc123";\r\nvar ft_mode="1";\r\nvar ft_dirname="./";\r\nvar ft_autocreatedir="1";\r\n'
      'var ft_dirmode="0";\r\nvar ft_ssl="2";\r\nvar ft_insecure="1";\r\n')
write("cgi", "response.txt", 'response="200";\r\n')
write("cgi", "error.txt", 'response="208";\r\nvar error="missing param";\r\n')
write("cgi", "indexed.txt", "var enable['rec']=\"1\";\nvar as_server[1]=\"a\";\nvar md_name[2]=\"x\"y\";\n")
write("cgi", "testftp.txt", 'response="302";\r\nvar hostkey="AAAAC3NzaC1lZDI1NTE5AAAAIFr+dG==";\r\n')

# --- FTP control-connection scripts (the harness appends a password that works)
write("ftp", "camera.txt", "USER cam\r\nPASS {password}\r\nSYST\r\nFEAT\r\nOPTS UTF8 ON\r\nTYPE I\r\nCWD //2026/11\r\n"
      "MKD 2026\r\nMKD 2026/11\r\nXCWD 2026/11\r\nPWD\r\nALLO 12345\r\nEPSV\r\nPASV\r\nSIZE x.jpg\r\nMDTM x.jpg\r\n"
      "REST 100\r\nRNFR a\r\nRNTO b\r\nDELE a\r\nNOOP\r\nQUIT\r\n")
write("ftp", "preauth.txt", "FEAT\r\nAUTH TLS\r\nHELP\r\nUSER cam\r\nPASS wrong\r\nSTAT\r\nPORT 127,0,0,1,4,1\r\nQUIT\r\n")
write("ftp", "active.txt", "USER cam\r\nPASS {password}\r\nEPRT |1|127.0.0.1|1025|\r\nPORT 10,0,0,1,0,21\r\n"
      "MLSD\r\nMLST /\r\nNLST\r\nLIST -la\r\nABOR\r\nSTAT /\r\nMODE S\r\nSTRU F\r\nPBSZ 0\r\nPROT P\r\nQUIT\r\n")

# --- SFTP packets after INIT (the harness sends INIT/VERSION first)
def pkt(t, rid, body): return u32(len(body) + 5) + bytes([t]) + u32(rid) + body
ATTRS_NONE = u32(0)
ATTRS_ALL = u32(0xF) + u64(10) + u32(1000) + u32(1000) + u32(0o100644) + u32(1) + u32(2)
handle = s("0")
write("sftp", "upload.bin", pkt(3, 1, s("/snap.jpg") + u32(0x1A) + ATTRS_NONE)   # OPEN write|creat|trunc
      + pkt(6, 2, handle + u64(0) + s(b"\xff\xd8" * 64))                        # WRITE
      + pkt(6, 3, handle + u64(4096) + s(b"x" * 16))
      + pkt(200, 4, s("fsync@openssh.com") + handle)
      + pkt(4, 5, handle))                                                     # CLOSE
write("sftp", "dirs.bin", pkt(16, 1, s(".")) + pkt(14, 2, s("/a") + ATTRS_ALL) + pkt(11, 3, s("/"))
      + pkt(12, 4, s("0")) + pkt(12, 5, s("0")) + pkt(4, 6, s("0")) + pkt(15, 7, s("/a")))
write("sftp", "stat.bin", pkt(7, 1, s("/")) + pkt(17, 2, s("/../..")) + pkt(9, 3, s("/x") + ATTRS_ALL)
      + pkt(18, 4, s("/a") + s("/b")) + pkt(13, 5, s("/b")) + pkt(19, 6, s("/l")) + pkt(20, 7, s("/l") + s("/t")))
write("sftp", "extended.bin", pkt(200, 1, s("statvfs@openssh.com") + s("/")) + pkt(200, 2, s("limits@openssh.com"))
      + pkt(200, 3, s("posix-rename@openssh.com") + s("/a") + s("/b")) + pkt(200, 4, s("nope@example.com")))
write("sftp", "read.bin", pkt(3, 1, s("/r") + u32(1) + ATTRS_NONE) + pkt(5, 2, s("0") + u64(0) + u32(32768))
      + pkt(8, 3, s("0")) + pkt(10, 4, s("0") + ATTRS_ALL) + pkt(4, 5, s("0")))

# --- SSH: client version line, then an unencrypted KEXINIT binary packet (and the KEX_ECDH_INIT that follows)
def namelist(*names): return s(",".join(names))
def packet(payload):
    pad = 8 - ((len(payload) + 5) % 8)
    pad = pad + 8 if pad < 4 else pad
    return u32(len(payload) + pad + 1) + bytes([pad]) + payload + b"\0" * pad
kexinit = (bytes([20]) + b"\x11" * 16
           + namelist("curve25519-sha256", "diffie-hellman-group14-sha256", "ext-info-c", "kex-strict-c-v00@openssh.com")
           + namelist("ssh-ed25519", "rsa-sha2-256") + namelist("aes128-ctr", "chacha20-poly1305@openssh.com") * 2
           + namelist("hmac-sha2-256", "hmac-sha2-256-etm@openssh.com") * 2 + namelist("none") * 2
           + namelist() * 2 + b"\0" + u32(0))
write("ssh", "kexinit.bin", b"SSH-2.0-libssh2_1.10.0\r\n" + packet(kexinit))
write("ssh", "kex-ecdh.bin", b"SSH-2.0-OpenSSH_9.2p1\r\n" + packet(kexinit) + packet(bytes([30]) + s(b"\x09" * 32)))
write("ssh", "ignore-debug.bin", b"SSH-2.0-x\r\n" + packet(bytes([2]) + s("junk")) + packet(bytes([4, 1]) + s("dbg") + s("en"))
      + packet(bytes([3]) + u32(7)) + packet(kexinit))
write("ssh", "banner-lines.bin", b"hello\r\nworld\r\nSSH-2.0-camera\n" + packet(kexinit))

# --- SSH message payloads as the connection decodes them after the key exchange (ssh-messages target)
def mpint(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big") if n else b""
    return s(b)
def boolean(v): return b"\1" if v else b"\0"
ED25519_BLOB = s("ssh-ed25519") + s(bytes(range(32)))
P256_G = bytes.fromhex("046B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
                       "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5")
ECDSA_BLOB = s("ecdsa-sha2-nistp256") + s("nistp256") + s(P256_G)
RSA_BLOB = s("ssh-rsa") + mpint(65537) + mpint((1 << 2047) | 0x1234567 | 1)
def userauth(method, rest=b""): return bytes([50]) + s("cam") + s("ssh-connection") + s(method) + rest
write("ssh-messages", "userauth-password.bin", userauth("password", boolean(False) + s("Sup3rSecret")))
write("ssh-messages", "userauth-none.bin", userauth("none"))
write("ssh-messages", "userauth-ed25519-query.bin", userauth("publickey", boolean(False) + s("ssh-ed25519") + s(ED25519_BLOB)))
write("ssh-messages", "userauth-ed25519-signed.bin", userauth("publickey", boolean(True) + s("ssh-ed25519") + s(ED25519_BLOB)
      + s(s("ssh-ed25519") + s(b"\x55" * 64))))
write("ssh-messages", "userauth-ecdsa-signed.bin", userauth("publickey", boolean(True) + s("ecdsa-sha2-nistp256") + s(ECDSA_BLOB)
      + s(s("ecdsa-sha2-nistp256") + s(mpint(12345) + mpint(67890)))))
write("ssh-messages", "userauth-rsa-signed.bin", userauth("publickey", boolean(True) + s("rsa-sha2-256") + s(RSA_BLOB)
      + s(s("rsa-sha2-256") + s(b"\x01" * 256))))
write("ssh-messages", "service-request.bin", bytes([5]) + s("ssh-userauth"))
write("ssh-messages", "disconnect.bin", bytes([1]) + u32(11) + s("bye") + s(""))
write("ssh-messages", "kexinit.bin", kexinit)
write("ssh-messages", "global-request.bin", bytes([80]) + s("keepalive@openssh.com") + boolean(True))
write("ssh-messages", "channel-open.bin", bytes([90]) + s("session") + u32(0) + u32(2 * 1024 * 1024) + u32(32768))
write("ssh-messages", "channel-subsystem.bin", bytes([98]) + u32(0) + s("subsystem") + boolean(True) + s("sftp"))
write("ssh-messages", "channel-exec.bin", bytes([98]) + u32(0) + s("exec") + boolean(True) + s("ls"))
write("ssh-messages", "channel-data.bin", bytes([94]) + u32(0) + s(b"\0\0\0\x05\x01\0\0\0\x03"))
write("ssh-messages", "channel-extended-data.bin", bytes([95]) + u32(0) + u32(1) + s("err"))
write("ssh-messages", "channel-window-adjust.bin", bytes([93]) + u32(0) + u32(65536))
write("ssh-messages", "channel-eof.bin", bytes([96]) + u32(0))
write("ssh-messages", "channel-close.bin", bytes([97]) + u32(0))

# --- more seeds for the afl-fuzz targets: other key exchanges, and FTP commands the first scripts do not use
def kexinit_with(kex):
    return (bytes([20]) + b"\x22" * 16 + namelist(kex) + namelist("ssh-ed25519") + namelist("aes256-gcm@openssh.com") * 2
            + namelist("hmac-sha2-512") * 2 + namelist("none") * 2 + namelist() * 2 + b"\1" + u32(0))
write("ssh", "kex-dh14.bin", b"SSH-2.0-libssh2_1.10.0\r\n" + packet(kexinit_with("diffie-hellman-group14-sha256"))
      + packet(bytes([30]) + mpint(2 ** 1023 + 12345)) + packet(bytes([21])))
write("ssh", "kex-p256.bin", b"SSH-2.0-PuTTY_0.78\r\n" + packet(kexinit_with("ecdh-sha2-nistp256")) + packet(bytes([30]) + s(P256_G)))
write("ftp", "files.txt", "USER cam\r\nPASS {password}\r\nMKD /d\r\nCWD d\r\nCDUP\r\nXPWD\r\nMFMT 20261128101500 /d\r\n"
      "RNFR /d\r\nRNTO /e\r\nRMD /e\r\nXMKD x\r\nXRMD x\r\nSIZE /\r\nMDTM /\r\nDELE /nope\r\nREST 0\r\nOPTS MLST type;size;\r\n"
      "PASV\r\nSTOR a.jpg\r\nEPSV ALL\r\nEPSV\r\nAPPE a.jpg\r\nEPSV\r\nRETR a.jpg\r\nTYPE A\r\nMODE Z\r\nSTRU R\r\nHELP SITE\r\nQUIT\r\n")
