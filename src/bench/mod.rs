//! Synthetic corpus generator and the speed/memory benchmark (`corroborate bench`).
