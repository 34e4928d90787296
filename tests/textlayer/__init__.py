"""What four independent text engines read from a PDF, and how much of a source they recover."""
