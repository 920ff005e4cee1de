package io.tracker.projection.persistence;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tracker.projection.config.ProjectionConfig;

/** Opens the loads of LOADING generations ({@link GenerationLoad}) on JDBC connections of their own. */
@ApplicationScoped
public class GenerationLoads {
    private final DataSource dataSource;
    private final ProjectionConfig config;

    GenerationLoads(DataSource dataSource, ProjectionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * The load of {@code generation}, once it holds the generation's lock (waiting while {@code keepWaiting} says
     * so; null when it gave up).
     */
    public GenerationLoad open(int generation, BooleanSupplier keepWaiting) throws SQLException, InterruptedException {
        return GenerationLoad.open(
                dataSource, generation, config.loadMaxStreams(), config.rebuildLoadStateBudgetKb() * 1024, keepWaiting);
    }
}
