# Verifies every DKIM-Signature of a message with dkimpy (Debian's python3-dkim), an implementation
# independent of cdi-mail. Usage: verify.py MESSAGE_FILE NAME=TXT...
# where NAME is <selector>._domainkey.<domain> and TXT its DNS TXT record ("v=DKIM1; k=rsa; p=...").
# Prints one line per signature; exit code 0: every signature verified, 1: one did not,
# 3: dkimpy (or PyNaCl, for ed25519) is missing.
import sys

try:
    import dkim
except ImportError:
    print("python3-dkim is not installed: apt-get install -y python3-dkim")
    sys.exit(3)
try:
    import nacl.signing  # noqa: F401  (ed25519-sha256 needs it)
except ImportError:
    print("python3-nacl is not installed (needed for ed25519-sha256): apt-get install -y python3-nacl")
    sys.exit(3)

try:
    from importlib.metadata import version
    VERSION = version("dkimpy")
except Exception:  # noqa: BLE001  (the version is only shown)
    VERSION = "?"

message = open(sys.argv[1], "rb").read()
records = {}
for argument in sys.argv[2:]:
    name, txt = argument.split("=", 1)
    records[name.lower().encode()] = txt.encode()


def dnsfunc(name, timeout=5):
    key = name.rstrip(b".").lower() if isinstance(name, bytes) else name.rstrip(".").lower().encode()
    return records.get(key)


verifier = dkim.DKIM(message)
count = sum(1 for field, _ in verifier.headers if field.lower() == b"dkim-signature")
if count == 0:
    print("no DKIM-Signature")
    sys.exit(1)
verdict = 0
for index in range(count):
    verifier = dkim.DKIM(message)
    try:
        ok = verifier.verify(idx=index, dnsfunc=dnsfunc)
        why = "" if ok else " (verify() returned False)"
    except dkim.DKIMException as e:
        ok = False
        why = " (" + str(e) + ")"
    signature = verifier.signature_fields
    print("dkimpy %s: signature %d a=%s d=%s s=%s: %s%s" % (
        VERSION, index,
        signature.get(b"a", b"?").decode(), signature.get(b"d", b"?").decode(),
        signature.get(b"s", b"?").decode(), "pass" if ok else "FAIL", why))
    if not ok:
        verdict = 1
sys.exit(verdict)
