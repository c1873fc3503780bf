"""The Dask cluster a design study (``sim sweep``) or a fit (``sim fit``)
evaluates on: a ``distributed.LocalCluster`` of single-threaded worker
processes on this machine, or an existing scheduler (``--scheduler
tls://HOST:PORT``, with the TLS files of a secured cluster).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from sim.errors import SimError

CONNECT_TIMEOUT = "20s"


def security_from(scheduler, ca_file=None, cert=None, key=None):
    """``distributed.security.Security`` for the TLS files, or None without
    them. The three go together and need a ``tls://`` scheduler."""
    files = [ca_file, cert, key]
    if not any(files):
        return None
    if not all(files):
        raise SimError(
            "--tls-ca-file, --tls-cert and --tls-key go together (the files "
            "of a TLS-secured Dask cluster)"
        )
    if scheduler is None or not scheduler.startswith("tls://"):
        raise SimError("TLS files need --scheduler tls://HOST:PORT")
    for path in files:
        if not Path(path).is_file():
            raise SimError(f"TLS file {path} does not exist")
    from distributed.security import Security

    return Security(
        tls_ca_file=ca_file,
        tls_client_cert=cert,
        tls_client_key=key,
        require_encryption=True,
    )


@contextmanager
def dask_client(*, workers=None, scheduler=None, security=None):
    """A connected ``distributed.Client`` (closed, with its local cluster, on
    exit): to ``scheduler`` if given, else to a new local cluster of
    ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a core dependency
        raise SimError(
            "Dask's distributed is not installed: pip install distributed"
        ) from None
    cluster = None
    if scheduler is not None:
        try:
            client = Client(scheduler, security=security, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SimError(
                f"cannot connect to the Dask scheduler {scheduler}: {exc}"
            ) from None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
