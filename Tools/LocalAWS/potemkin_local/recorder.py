"""The default configuration recorder each region starts with (unless --no-recorder)."""

from __future__ import annotations

from moto.config.models import config_backends

from .state import RUNTIME

_ensured: set[tuple[str, str]] = set()


def ensure_default(account: str, region: str) -> None:
    """Creates, once per account and region, a running recorder `default`
    recording all supported resource types (with a delivery channel)."""
    if RUNTIME.options.no_recorder or (account, region) in _ensured:
        return
    _ensured.add((account, region))
    backend = config_backends[account][region]
    if backend.recorders:
        return
    backend.put_configuration_recorder({
        "name": "default",
        "roleARN": f"arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
    })
    if not backend.delivery_channels:
        backend.put_delivery_channel({"name": "default", "s3BucketName": f"config-bucket-{account}"})
    backend.start_configuration_recorder("default")


def has_recorder(account: str, region: str) -> bool:
    ensure_default(account, region)
    return bool(config_backends[account][region].recorders)


def is_recording(account: str, region: str) -> bool:
    ensure_default(account, region)
    recorders = config_backends[account][region].recorders
    return any(getattr(r.status, "recording", False) for r in recorders.values())
