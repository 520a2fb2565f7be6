package com.liferay.portal.kernel.staging

// 6.2 com.liferay.portal.kernel.staging.StagingUtil (the methods the script uses)
class StagingUtil {
	static Map<String, String[]> getStagingParameters() {
		new LinkedHashMap<String, String[]>()
	}

	static void publishLayouts(long userId, long sourceGroupId, long targetGroupId,
			boolean privateLayout, Map<String, String[]> parameterMap, Date startDate, Date endDate) {
		println("CALL publishLayouts62 " + userId + " " + sourceGroupId + " " + targetGroupId + " " +
			privateLayout + " " + (startDate == null ? "null" : startDate.getTime()))
	}

	static void copyRemoteLayouts(long sourceGroupId, boolean privateLayout,
			Map<Long, Boolean> layoutIdMap, Map<String, String[]> parameterMap,
			String remoteAddress, int remotePort, String remotePathContext,
			boolean secureConnection, long remoteGroupId, boolean remotePrivateLayout,
			Date startDate, Date endDate) {
		println("CALL copyRemoteLayouts62 " + sourceGroupId + " " + privateLayout + " " +
			layoutIdMap.size() + " " + remoteAddress + ":" + remotePort + remotePathContext + " " +
			secureConnection + " " + remoteGroupId + " " + (startDate == null ? "null" : startDate.getTime()))
	}
}
