"""The payment simulator's keys and its own SHA256withRSA, written apart from the kiosk's.

WeChat Pay and Alipay each hold two key pairs in the real world: the merchant's
(or app's), whose private half the kiosk signs with and whose public half the
provider checks requests with, and the provider's own, which signs every reply.
The simulator makes all four at start (once per process: RSA key generation is
slow and tests start many simulators), writes what a merchant would be handed to
PEM files, and keeps the provider's private halves to itself.

Nothing here is shared with ``kiosk.payment``: a mistake in the kiosk's signer must
not be matched by the same mistake here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

KEY_BITS = 2048


@functools.cache
def _key(role: str) -> rsa.RSAPrivateKey:
    """One key per role and process (``role`` only tells them apart)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def key_for(role: str) -> rsa.RSAPrivateKey:
    return _key(role)


def rsa_sha256_sign(key: rsa.RSAPrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_sha256_check(key: rsa.RSAPublicKey, data: bytes, signature_b64: str) -> bool:
    try:
        raw = base64.b64decode(signature_b64, validate=True)
        key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True


def private_pem(key: rsa.RSAPrivateKey, pkcs1: bool = False) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL
        if pkcs1
        else serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@dataclass(frozen=True)
class Certificate:
    serial: str  # upper-case hex, as Wechatpay-Serial carries it
    pem: bytes


@functools.cache
def certificate_for(role: str, common_name: str) -> Certificate:
    """A self-signed certificate over ``role``'s key, valid five years (as WeChat's
    platform certificates are)."""
    key = _key(role)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    serial = x509.random_serial_number()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=5 * 365))
        .sign(key, hashes.SHA256())
    )
    return Certificate(f"{serial:X}", cert.public_bytes(serialization.Encoding.PEM))


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    return path
