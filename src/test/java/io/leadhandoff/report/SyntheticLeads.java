package io.leadhandoff.report;

import io.leadhandoff.TestData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic leads with a hidden ground truth: sources and campaigns of different true quality,
 * seniority and company size that matter, country as pure noise, and reps who mislabel some leads.
 */
final class SyntheticLeads {

    record Lead(Map<String, Object> body, boolean accepted, String source, double trueProbability) {
    }

    static final Map<String, Double> SOURCES = Map.of("webinar-partner", 1.2, "organic", 0.5, "paid-social", 0.0, "purchased-list", -1.8);
    static final Map<String, Double> CAMPAIGNS = Map.of("q4-summit", 0.6, "evergreen-ebook", 0.0, "spring-giveaway", -0.8);
    static final String[][] TITLES = {{"CEO", "1.0"}, {"Chief Technology Officer", "1.0"}, {"VP Engineering", "0.8"},
            {"Director of IT", "0.8"}, {"Engineering Manager", "0.3"}, {"Software Engineer", "-0.2"}, {"Analyst", "-0.2"},
            {"Student", "-2.0"}};
    static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "BR", "IN", "JP", "AU"};
    static final double MISLABEL = 0.10;

    private SyntheticLeads() {
    }

    static List<Lead> generate(int n, long seed, String runTag) {
        Random random = new Random(seed);
        List<String> sources = new ArrayList<>(new java.util.TreeSet<>(SOURCES.keySet()));
        List<String> campaigns = new ArrayList<>(new java.util.TreeSet<>(CAMPAIGNS.keySet()));
        List<Lead> leads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String source = sources.get(random.nextInt(sources.size()));
            String campaign = campaigns.get(random.nextInt(campaigns.size()));
            String[] title = TITLES[random.nextInt(TITLES.length)];
            int employees = (int) Math.round(Math.exp(random.nextDouble() * Math.log(20_000)));
            int pageViews = random.nextInt(30);
            double sizeEffect = employees < 10 ? -0.8 : employees < 100 ? 0 : employees < 1000 ? 0.5 : 0.7;
            double logOdds = -0.6 + SOURCES.get(source) + CAMPAIGNS.get(campaign) + Double.parseDouble(title[1]) + sizeEffect
                    + 0.02 * pageViews;
            double trueProbability = 1 / (1 + Math.exp(-logOdds));
            boolean truth = random.nextDouble() < trueProbability;
            boolean said = random.nextDouble() < MISLABEL ? !truth : truth;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", "lead" + i + "-" + TestData.unique("s") + "@company" + random.nextInt(500) + ".example");
            body.put("source", source);
            body.put("campaign", runTag + "-" + campaign);
            body.put("title", title[0]);
            body.put("employeeCount", employees);
            body.put("company", "Company " + i);
            body.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
            body.put("activity", Map.of("pageViews", pageViews, "formSubmissions", random.nextInt(3)));
            leads.add(new Lead(body, said, source, trueProbability));
        }
        return leads;
    }
}
