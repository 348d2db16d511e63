//! verdicts → LSP: documents held in ropes, handlers, conversions at the edge. Decides nothing about claims.
