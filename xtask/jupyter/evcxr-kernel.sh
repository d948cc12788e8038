#!/bin/sh
# The `rust` kernel's launcher, copied next to kernel.json by `cargo xtask setup`.
#
# Starts evcxr_jupyter in a build directory that outlives the kernel, so that a restarted kernel
# or the next notebook finds the crate already compiled (evcxr's own cache, `:cache` in
# init.evcxr beside this file, keeps only registry crates, not our crate). A running kernel holds
# a lock on its directory ("slot": flock on file descriptor 9, kept across exec, released when
# the kernel exits), so two running kernels never build in the same one (evcxr rewrites its
# crate's sources at every cell). With every slot taken, or without flock: evcxr's own temporary
# directory. EVCXR_TMPDIR and EVCXR_CONFIG_DIR already set (by `cargo xtask notebooks`) are kept.
#
# Usage: evcxr-kernel.sh EVCXR_JUPYTER SLOTS_DIR CONNECTION_FILE
evcxr=$1 slots=$2 connection=$3
if [ -z "$EVCXR_CONFIG_DIR" ]; then
    EVCXR_CONFIG_DIR=$(dirname "$0")/evcxr
    export EVCXR_CONFIG_DIR
fi
if [ -z "$EVCXR_TMPDIR" ] && command -v flock >/dev/null 2>&1; then
    for n in 0 1 2 3; do
        mkdir -p "$slots/$n" || break
        exec 9>>"$slots/$n/lock"
        if flock -n 9; then
            EVCXR_TMPDIR=$slots/$n/build
            export EVCXR_TMPDIR
            exec "$evcxr" --control_file "$connection"
        fi
        exec 9>&-
    done
fi
exec "$evcxr" --control_file "$connection"
