package io.leadhandoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Issue 32, item 9: no cell of a CSV export starts with a character a spreadsheet reads as a formula. */
class CsvTest {

    record Row(String group, Long count) {
    }

    @Test
    void cellsStartingWithTabOrCarriageReturnAreNeutralisedLikeTheOtherFormulaStarts() {
        String csv = Csv.of(List.of(new Row("\t=1+1", 1L), new Row("\r=HYPERLINK(\"x\")", 2L), new Row("=SUM(A1)", 3L),
                new Row("@cmd", 4L), new Row("+1", 5L), new Row("-1", -6L)));
        assertThat(csv.split("\r\n", -1)).contains("'\t=1+1,1", "\"'\r=HYPERLINK(\"\"x\"\")\",2", "'=SUM(A1),3", "'@cmd,4", "'+1,5", "'-1,-6");
    }

    @Property
    void noTextCellStartsWithAFormulaCharacter(@ForAll @StringLength(min = 1, max = 12) @CharRange(from = '\t', to = '~') String group) {
        String csv = Csv.of(List.of(new Row(group, 1L)));
        String cell = csv.substring(csv.indexOf("\r\n") + 2);
        String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
        assertThat(Csv.FORMULA_STARTS.indexOf(unquoted.charAt(0))).as("cell %s", cell).isNegative();
    }
}
