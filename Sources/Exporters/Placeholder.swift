// Exporters placeholder
