// Placeholder: the Capture stage. See docs/ARCHITECTURE.md.
import Primitives
