// SessionStore placeholder
