"""triage.practice: history, replays, mastery-driven picks and shift mode, with no Textual.

Everything here is plain logic over the engine and the store, so the CLI (`triage history`,
`triage replay`, `triage shift --headless`) and the TUI's practice screens share it:

- `storeaccess`: open the practice database, and the damaged-database recovery rules;
- `history`: past plays as JSON rows and a text table;
- `replay`: rebuild a stored play's session and debrief, export its actions file;
- `coach`: what to practise next, and a player's per-pitfall profile;
- `shift`, `noise`, `shiftfile`, `shiftscore`: the simulated on-call shift.
"""

from __future__ import annotations
