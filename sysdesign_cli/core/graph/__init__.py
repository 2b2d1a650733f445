"""The design-graph engine: a design as a graph of blocks, read from text or Mermaid,
checked, loaded with traffic and broken in drills. Pure data in and out."""
