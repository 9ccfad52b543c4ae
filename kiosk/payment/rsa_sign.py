"""SHA256withRSA, as WeChat Pay API v3 and Alipay's RSA2 both use it, on ``cryptography``.

Both providers sign with PKCS#1 v1.5 padding over SHA-256 and send the signature
base64-encoded; only what is signed differs, and that stays in each adapter. Key
files are read here so that an unreadable or wrong key is named by the setting
that points at it, never by its content (a private key is a secret).
"""

from __future__ import annotations

import base64
import binascii
import functools
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


class KeyFileError(ValueError):
    """A key file is missing or holds no usable RSA key; the message never quotes it."""


def load_private_key(path: Path) -> rsa.RSAPrivateKey:
    """An RSA private key from a PEM file: PKCS#8 (``BEGIN PRIVATE KEY``, what WeChat's
    ``apiclient_key.pem`` holds) or PKCS#1 (``BEGIN RSA PRIVATE KEY``, what Alipay's key
    tool writes for non-Java languages)."""
    data = _read(path)
    try:
        key = _parse_private_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise KeyFileError(f"{path} holds no unencrypted PEM private key") from None
    if key is None:
        raise KeyFileError(f"{path} holds a private key that is not RSA")
    return key


@functools.lru_cache(maxsize=8)
def _parse_private_key(data: bytes) -> rsa.RSAPrivateKey | None:
    """The same PEM parsed once per process (None: not an RSA key). Parsing checks an RSA
    key's consistency, 39 ms of CPU each time, and both the settings check and the payment
    client read the key file. Keyed by the file's content, so an edited file is parsed
    afresh; a file that does not parse is not remembered (the error is raised again)."""
    key = serialization.load_pem_private_key(data, password=None)
    return key if isinstance(key, rsa.RSAPrivateKey) else None


def load_public_key(path: Path) -> rsa.RSAPublicKey:
    """An RSA public key from a PEM file: a bare key (``BEGIN PUBLIC KEY``) or a
    certificate (``BEGIN CERTIFICATE``), whose key is taken."""
    data = _read(path)
    if b"BEGIN CERTIFICATE" in data:
        return load_certificate(path)[1]
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFileError(f"{path} holds no PEM public key or certificate") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFileError(f"{path} holds a public key that is not RSA")
    return key


def load_certificate(path: Path) -> tuple[str, rsa.RSAPublicKey]:
    """A certificate's serial number (upper-case hex, as WeChat writes it in
    ``Wechatpay-Serial``) and its RSA public key."""
    data = _read(path)
    try:
        cert = x509.load_pem_x509_certificate(data)
    except ValueError:
        raise KeyFileError(f"{path} holds no PEM certificate") from None
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFileError(f"{path} holds a certificate whose key is not RSA")
    return f"{cert.serial_number:X}", key


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path} does not exist") from None
    except OSError as exc:
        raise KeyFileError(f"{path} cannot be read: {exc.strerror}") from None


def sign(key: rsa.RSAPrivateKey, message: bytes) -> str:
    """The base64 SHA256withRSA signature of ``message``."""
    raw = key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def verify(key: rsa.RSAPublicKey, message: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64) is ``key``'s SHA256withRSA signature of ``message``."""
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return False
    try:
        key.verify(raw, message, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
