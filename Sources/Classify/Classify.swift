// Placeholder: the Classify stage. See docs/ARCHITECTURE.md.
import Primitives
