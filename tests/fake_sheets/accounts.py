"""Service accounts for the fake: throwaway keys made at test time, Google's OAuth token
endpoint (JWT bearer grant, signature checked) and the access tokens it hands out."""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

TOKEN_URI = "https://oauth2.googleapis.com/token"
_KEY_CACHE: list[rsa.RSAPrivateKey] = []


def _private_key() -> rsa.RSAPrivateKey:
    """One throwaway RSA key per test session (making one takes a while)."""
    if not _KEY_CACHE:
        _KEY_CACHE.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _KEY_CACHE[0]


def key_info(email: str, project_id: str) -> tuple[dict[str, Any], bytes]:
    """A service-account key file's JSON (with a fresh private key) and its public key."""
    key = _private_key()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    info = {
        "type": "service_account",
        "project_id": project_id,
        "private_key_id": secrets.token_hex(20),
        "private_key": pem,
        "client_email": email,
        "client_id": str(secrets.randbelow(10**20)),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": TOKEN_URI,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
                                + email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }
    return info, public


def write_key_file(path: Path, info: dict[str, Any]) -> Path:
    path.write_text(json.dumps(info, indent=2), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Grant:
    email: str
    scope: str

    @property
    def project(self) -> str:
        domain = self.email.partition("@")[2]
        return domain.split(".")[0]


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class Accounts:
    def __init__(self) -> None:
        self.public_keys: dict[str, bytes] = {}
        self.tokens: dict[str, Grant] = {}
        self.grants: list[Grant] = []

    def register(self, email: str, public_pem: bytes) -> None:
        self.public_keys[email.casefold()] = public_pem

    def token(self, form: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        """POST /token: exchange a signed JWT for an access token."""
        if form.get("grant_type", [""])[0] != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return 400, {"error": "unsupported_grant_type",
                         "error_description": "Invalid grant_type"}
        try:
            header_b64, payload_b64, signature_b64 = form["assertion"][0].split(".")
            claims = json.loads(_b64(payload_b64))
            signature = _b64(signature_b64)
        except (KeyError, ValueError):
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT."}
        email = str(claims.get("iss", ""))
        public_pem = self.public_keys.get(email.casefold())
        if public_pem is None:
            return 400, {"error": "invalid_grant",
                         "error_description": "Invalid grant: account not found"}
        public = serialization.load_pem_public_key(public_pem)
        assert isinstance(public, rsa.RSAPublicKey)
        try:
            public.verify(signature, f"{header_b64}.{payload_b64}".encode(),
                          padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        if claims.get("aud") != TOKEN_URI:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT audience."}
        grant = Grant(email, str(claims.get("scope", "")))
        token = "ya29.fake-" + secrets.token_urlsafe(24)
        self.tokens[token] = grant
        self.grants.append(grant)
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def who(self, authorization: str | None) -> Grant | None:
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        return self.tokens.get(authorization.split(" ", 1)[1].strip())
