package io.leadhandoff.scoring;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import java.util.List;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<ScoringModel, Integer> {

    /** The version every replica scores with right now: one primary-key read, no cache to go stale. */
    public int activeVersion() {
        return versions().active();
    }

    /** The challenger version, or null when no model scores beside the active one. */
    public Integer challengerVersion() {
        return versions().challenger();
    }

    /** The active and the challenger version (null when none) with one read: what intake scores each group with. */
    public Versions versions() {
        return (Versions) getEntityManager().createNativeQuery("select version, challenger_version from scoring_active where id = 1")
                .setFlushMode(FlushModeType.COMMIT)
                .unwrap(NativeQuery.class)
                .setTupleTransformer((row, aliases) -> new Versions(((Number) row[0]).intValue(),
                        row[1] == null ? null : ((Number) row[1]).intValue()))
                .getSingleResult();
    }

    /** The versions {@code scoring_active} names. */
    public record Versions(int active, Integer challenger) {
    }

    public int nextVersion() {
        Integer max = find("select max(m.version) from ScoringModel m").project(Integer.class).firstResult();
        return max == null ? 1 : max + 1;
    }

    /** Keyset page by version, newest first; fetches {@code limit + 1}. */
    public List<ScoringModel> page(Integer before, int limit) {
        return before == null
                ? find("order by version desc").page(0, limit + 1).list()
                : find("version < ?1 order by version desc", before).page(0, limit + 1).list();
    }
}
