public enum WritersPlaceholder {}
