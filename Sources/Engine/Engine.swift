// Placeholder: the Engine stage. See docs/ARCHITECTURE.md.
import Primitives
