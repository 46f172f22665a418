package io.leadhandoff.condition;

/** The type of a field a condition can refer to; operators are checked against it. */
public enum FieldType {
    STRING, NUMBER, BOOLEAN,
    /** Custom attributes: typed by their value at evaluation time. */
    ANY
}
