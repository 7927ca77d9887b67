// Placeholder: the Wire stage. See docs/ARCHITECTURE.md.
import Primitives
