"""triage.web: `triage serve`'s web server, the page it serves, and its tabs' safety nets.

textual-serve starts one `triage` process per browser tab. This package wraps its `Server` with
what a game day needs on a shared machine: requests only for the server's own host names, a
websocket only from the server's own page (Origin), bounded terminal sizes and messages, one line
in the log for a bad message, an offline page that focuses the terminal, and tab processes that
end with the server (`parentwatch`). No Textual here: the server only relays bytes.
"""
