# JupyterLab's server settings for this project's virtual environment, copied into
# .venv/etc/jupyter/ by `cargo xtask setup` (the venv's server always reads them).
#
# Works around evcxr_jupyter 0.22 exiting with "Error: Codec Error: Broken pipe (os error 32)"
# right after a kernel starts or restarts. Whenever a browser connects to a kernel, the server's
# nudge() sends kernel_info_request every 0.5 s on a temporary shell socket and a temporary
# control socket, and closes both once one reply and one iopub message have arrived. evcxr needs
# 3-5 s to start, and then answers the control requests that queued up; answering one whose
# socket is closed ends the process (evcxr_jupyter/src/core.rs, Server::handle_control, which
# returns the error of `send(..).await?`, where the shell loop only logs it). Here nudge()'s
# control probe goes to a second temporary shell socket, where evcxr logs the failed reply and
# goes on. See README.md, "Troubleshooting the notebooks".
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NudgeWithoutControl(ZMQChannelsWebsocketConnection):
    """nudge() with its control-channel probe sent on the shell channel."""

    def nudge(self):
        km = self.kernel_manager
        km.connect_control = km.connect_shell
        try:
            return super().nudge()
        finally:
            del km.connect_control


c.ServerApp.kernel_websocket_connection_class = NudgeWithoutControl  # noqa: F821
