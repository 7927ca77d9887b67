// Placeholder: the HTTP1 stage. See docs/ARCHITECTURE.md.
import Primitives
