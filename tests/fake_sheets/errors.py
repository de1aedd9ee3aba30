"""Google's error replies: {"error": {"code", "message", "status", ...}}."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Raised inside the fake; the server turns it into Google's error body."""

    def __init__(
        self,
        code: int,
        message: str,
        status: str,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message,
                                 "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}

    @classmethod
    def invalid(cls, message: str) -> ApiError:
        return cls(400, message, "INVALID_ARGUMENT")

    @classmethod
    def bad_range(cls, text: str) -> ApiError:
        return cls.invalid(f"Unable to parse range: {text}")

    @classmethod
    def not_found(cls) -> ApiError:
        return cls(404, "Requested entity was not found.", "NOT_FOUND")

    @classmethod
    def denied(cls) -> ApiError:
        return cls(403, "The caller does not have permission", "PERMISSION_DENIED")

    @classmethod
    def unauthenticated(cls) -> ApiError:
        return cls(
            401,
            "Request had invalid authentication credentials. Expected OAuth 2 access "
            "token, login cookie or other valid authentication credential. See "
            "https://developers.google.com/identity/sign-in/web/devconsole-project.",
            "UNAUTHENTICATED",
        )

    @classmethod
    def service_disabled(cls, project: str) -> ApiError:
        url = f"https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project={project}"
        return cls(
            403,
            f"Google Sheets API has not been used in project {project} before or it is "
            f"disabled. Enable it by visiting {url} then retry. If you enabled this API "
            "recently, wait a few minutes for the action to propagate to our systems and "
            "retry.",
            "PERMISSION_DENIED",
            details=[
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                 "reason": "SERVICE_DISABLED", "domain": "googleapis.com",
                 "metadata": {"service": "sheets.googleapis.com",
                              "consumer": f"projects/{project}",
                              "activationUrl": url}},
                {"@type": "type.googleapis.com/google.rpc.Help",
                 "links": [{"description": "Google developers console API activation",
                            "url": url}]},
            ],
        )

    @classmethod
    def quota(cls, kind: str, project: str, retry_after: int | None) -> ApiError:
        metric = "Read requests" if kind == "read" else "Write requests"
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return cls(
            429,
            f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute "
            f"per user' of service 'sheets.googleapis.com' for consumer "
            f"'project_number:{project}'.",
            "RESOURCE_EXHAUSTED",
            details=[{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                      "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                      "metadata": {"service": "sheets.googleapis.com",
                                   "quota_metric": f"sheets.googleapis.com/{kind}_requests",
                                   "quota_limit": f"{kind.capitalize()}RequestsPerMinutePerUser",
                                   "consumer": f"projects/{project}"}}],
            headers=headers,
        )

    @classmethod
    def server(cls, code: int) -> ApiError:
        statuses = {500: ("Internal error encountered.", "INTERNAL"),
                    502: ("Bad Gateway", "UNAVAILABLE"),
                    503: ("The service is currently unavailable.", "UNAVAILABLE"),
                    504: ("The request timed out. Please try again.", "DEADLINE_EXCEEDED")}
        message, status = statuses.get(code, ("Internal error encountered.", "INTERNAL"))
        return cls(code, message, status)
