// Importers placeholder
