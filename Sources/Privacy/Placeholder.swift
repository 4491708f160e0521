// Privacy placeholder
