// ConsoleApp placeholder
