// TeamStore placeholder
