#!/usr/bin/python3
"""wm_delete.py WINDOW: asks an X window to close the way a window manager
does (its close button, Alt+F4): a WM_PROTOCOLS ClientMessage carrying
WM_DELETE_WINDOW, sent to the window itself (ICCCM 4.2.8.1). Debian 12's
xdotool cannot send it: its windowclose destroys the window instead.

Exits 0 once sent, 3 if the window does not take part in WM_DELETE_WINDOW
(a window manager would then kill its client rather than ask), 2 on wrong
usage. Used by tests/e2e/kiosk_xvfb.sh; needs python3-xlib and $DISPLAY."""
import sys

from Xlib import X, display, protocol


def main():
    if len(sys.argv) != 2:
        print(__doc__.split("\n")[0], file=sys.stderr)
        return 2
    d = display.Display()
    window = d.create_resource_object("window", int(sys.argv[1], 0))
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    if delete not in (window.get_wm_protocols() or []):
        print("wm_delete: window %s does not list WM_DELETE_WINDOW" % sys.argv[1],
              file=sys.stderr)
        return 3
    event = protocol.event.ClientMessage(window=window, client_type=protocols,
                                         data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    window.send_event(event, event_mask=X.NoEventMask)
    d.sync()
    d.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
