"""Stone Soup 1.9.1 on a tracking scenario (reference/track-example), configured as its anchor.json
describes; prints the total GOSPA (p=1, c=10, alpha=2 over the confirmed tracks' positions) and the
time per scan, for docs/tracking.md.

    python3 stonesoup-track-example.py reference/track-example gnn|jpda

Needs Stone Soup 1.9.1 (its public repository's v1.9.1 tag) on PYTHONPATH with numpy and scipy,
and its pure-Python dependencies ordered-set, ruamel.yaml and pymap3d.
"""
import json, sys, time, datetime
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.stats import chi2
from stonesoup.types.detection import Detection, Clutter
from stonesoup.types.state import GaussianState
from stonesoup.types.update import Update
from stonesoup.models.transition.linear import CombinedLinearGaussianTransitionModel, ConstantVelocity
from stonesoup.models.measurement.linear import LinearGaussian
from stonesoup.predictor.kalman import KalmanPredictor
from stonesoup.updater.kalman import KalmanUpdater
from stonesoup.hypothesiser.distance import DistanceHypothesiser
from stonesoup.hypothesiser.probability import PDAHypothesiser
from stonesoup.measures import Mahalanobis
from stonesoup.dataassociator.neighbour import GNNWith2DAssignment
from stonesoup.dataassociator.probability import JPDAwithEHM
from stonesoup.deleter.time import UpdateTimeStepsDeleter
from stonesoup.deleter.base import Deleter
from stonesoup.initiator.simple import MultiMeasurementInitiator
from stonesoup.tracker.simple import MultiTargetTracker, MultiTargetMixtureTracker
from stonesoup.base import Property

scenario = sys.argv[1]
association = sys.argv[2]
lines = [json.loads(l) for l in open(scenario + '/input.jsonl')]
truth = {json.loads(l)['timestamp']: json.loads(l)['truth'] for l in open(scenario + '/truth.jsonl')}
transition = CombinedLinearGaussianTransitionModel([ConstantVelocity(0.1), ConstantVelocity(0.1)])
measurement = LinearGaussian(ndim_state=4, mapping=(0, 2), noise_covar=np.diag([9.0, 9.0]))
predictor = KalmanPredictor(transition)
updater = KalmanUpdater(measurement)

class MofNHoldingDeleter(Deleter):
    """Deletes a holding track once it can no longer have 3 updates in its first 4 scans."""
    def check_for_deletion(self, track, **kwargs):
        updates = sum(1 for s in track if isinstance(s, Update))
        return updates + (4 - len(track)) < 3

class Detections:
    def __init__(self):
        self.t0 = datetime.datetime(2026, 1, 1)
    def __iter__(self):
        for line in lines:
            t = self.t0 + datetime.timedelta(milliseconds=line['timestamp'] - lines[0]['timestamp'])
            yield t, {Detection(np.array([[d['z'][0]], [d['z'][1]]]), timestamp=t, measurement_model=measurement)
                      for d in line['detections']}

gate = np.sqrt(chi2.ppf(0.999, 2))
init_hyp = DistanceHypothesiser(predictor, updater, Mahalanobis(), missed_distance=gate)
initiator = MultiMeasurementInitiator(
    prior_state=GaussianState(np.zeros((4, 1)), np.diag([0.0, 100.0, 0.0, 100.0])),
    measurement_model=measurement, deleter=MofNHoldingDeleter(),
    data_associator=GNNWith2DAssignment(init_hyp), updater=updater, min_points=3)
deleter = UpdateTimeStepsDeleter(3)
if association == 'gnn':
    tracker = MultiTargetTracker(initiator=initiator, deleter=deleter, detector=Detections(),
                                 data_associator=GNNWith2DAssignment(DistanceHypothesiser(predictor, updater, Mahalanobis(), missed_distance=gate)),
                                 updater=updater)
else:
    tracker = MultiTargetMixtureTracker(initiator=initiator, deleter=deleter, detector=Detections(),
                                        data_associator=JPDAwithEHM(PDAHypothesiser(predictor, updater, clutter_spatial_density=5.555555555555555e-07,
                                                                                    prob_detect=0.9, prob_gate=0.999)),
                                        updater=updater)
start = time.perf_counter(); cpu = time.process_time()
outputs = []
for t, tracks in tracker:
    outputs.append((t, [(tr.state_vector[0, 0], tr.state_vector[2, 0]) for tr in tracks]))
seconds = time.perf_counter() - start; cpu = time.process_time() - cpu
total = 0
for (t, est), line in zip(outputs, lines):
    X = np.array(est).reshape(-1, 2)
    Y = np.array([[g['x'][0], g['x'][2]] for g in truth[line['timestamp']]]).reshape(-1, 2)
    pairs = 0; loc = 0
    if len(X) and len(Y):
        D = np.minimum(10, np.linalg.norm(X[:, None, :] - Y[None, :, :], axis=2))
        r, c = linear_sum_assignment(D)
        for i, j in zip(r, c):
            if D[i, j] < 10:
                loc += D[i, j]; pairs += 1
    total += loc + 5 * (len(X) + len(Y) - 2 * pairs)
print(json.dumps({"association": association, "gospa_total": round(total, 6), "scans": len(lines),
                  "seconds": round(seconds, 4), "cpu_seconds": round(cpu, 4), "ms_per_scan": round(seconds * 1000 / len(lines), 3)}))
