"""Calendar of interviews: ICS invites and feeds."""
