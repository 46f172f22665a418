package io.leadhandoff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhandoff.common.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualitySortTest {

    private static ReportViews.QualityRow row(String group, long received, Double acceptanceRate, BigDecimal costPerAcceptedLead) {
        return new ReportViews.QualityRow(group, received, 0, 0, 0, 0, 0, 0, 0, 0, acceptanceRate, null, null, null, null, null,
                List.of(), null, null, costPerAcceptedLead, null, 0, null);
    }

    private static final ReportViews.QualityReport REPORT = new ReportViews.QualityReport("source", null, null, List.of(
            row("a-organic", 10, 0.4, new BigDecimal("20.00")), row("b-list", 30, 0.1, null),
            row("c-partner", 20, 0.7, new BigDecimal("5.50")), row("d-new", 5, null, new BigDecimal("100.00"))));

    private static List<String> groups(String sort) {
        return QualitySort.apply(REPORT, sort).rows().stream().map(ReportViews.QualityRow::group).toList();
    }

    @Test
    void sortsByANumberColumnAscendingOrWithAMinusDescendingRowsWithoutValueLast() {
        assertThat(groups("acceptanceRate")).containsExactly("b-list", "a-organic", "c-partner", "d-new");
        assertThat(groups("-acceptanceRate")).containsExactly("c-partner", "a-organic", "b-list", "d-new");
        assertThat(groups("-received")).containsExactly("b-list", "c-partner", "a-organic", "d-new");
        assertThat(groups("costPerAcceptedLead")).containsExactly("c-partner", "a-organic", "d-new", "b-list");
    }

    @Test
    void keepsTheGroupOrderWithoutSortAndSortsByGroup() {
        assertThat(groups(null)).containsExactly("a-organic", "b-list", "c-partner", "d-new");
        assertThat(groups("-group")).containsExactly("d-new", "c-partner", "b-list", "a-organic");
    }

    @Test
    void refusesAColumnThatIsNotANumberOrTheGroup() {
        for (String bad : List.of("topRejectionReasons", "nope", "-", "--received")) {
            assertThatThrownBy(() -> QualitySort.check(bad)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.errors().get(0).parameter()).isEqualTo("sort"));
        }
    }
}
