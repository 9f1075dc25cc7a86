"""The game-day screens: round intro, hand-off, countdown, scoreboard, facilitator keys.

`GamedayApp` extends the main app, so teams play on the same page, war-room and diagnosis
screens as in practice; this package adds the rounds around them and the clock on top of them.
"""
